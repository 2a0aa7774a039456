package dev.bulwark.authz;

import dev.bulwark.authz.spi.Memberships;
import java.util.List;
import java.util.Map;
import java.util.Set;

class InMemoryMembershipsContractTest extends MembershipsContract {

    @Override
    protected Memberships withData(List<Membership> memberships, Map<String, String> personalOrgs,
            Set<String> emptyOrgs) {
        InMemoryMemberships m = InMemoryMemberships.create(100, 100);
        memberships.forEach(ms -> m.add(ms.userId(), ms.orgId(), ms.role()));
        personalOrgs.forEach(m::personalOrg);
        emptyOrgs.forEach(m::addOrg);
        return m;
    }
}
