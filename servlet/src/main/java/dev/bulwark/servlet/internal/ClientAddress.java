package dev.bulwark.servlet.internal;

import com.google.common.net.InetAddresses;
import dev.bulwark.core.ConfigurationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The client's address, trusting {@code X-Forwarded-For} only from configured proxies: starting at the
 * connection's peer, each hop that is a trusted proxy hands over to the address it reports, right to left; the
 * first untrusted hop is the client. A client cannot forge its way past this by sending its own header, because
 * only the entries appended by trusted proxies are ever read.
 */
public final class ClientAddress {

    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    /**
     * @param cidrs trusted proxy networks such as {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}
     * @throws ConfigurationException for a malformed entry (no DNS lookups are made)
     */
    public ClientAddress(List<String> cidrs) {
        for (String cidr : cidrs) {
            String[] parts = cidr.trim().split("/", 2);
            if (!InetAddresses.isInetAddress(parts[0])) {
                throw new ConfigurationException("trusted proxy '" + cidr + "' is not an IP address or CIDR");
            }
            byte[] net = InetAddresses.forString(parts[0]).getAddress();
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
            } catch (NumberFormatException e) {
                throw new ConfigurationException("trusted proxy '" + cidr + "' has a malformed prefix length");
            }
            ConfigurationException.check(prefix >= 0 && prefix <= net.length * 8,
                    "trusted proxy '" + cidr + "' has a prefix length out of range");
            networks.add(net);
            prefixes.add(prefix);
        }
    }

    /**
     * @param request the request
     * @return the client's address as text
     */
    public String of(HttpServletRequest request) {
        String current = request.getRemoteAddr();
        if (!trusted(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        Enumeration<String> values = request.getHeaders("X-Forwarded-For");
        while (values != null && values.hasMoreElements()) {
            for (String hop : values.nextElement().split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            byte[] address = parse(hop);
            if (address == null) {
                return current; // garbage from beyond the last trusted proxy: stop at what we know
            }
            current = hop;
            if (!trusted(address)) {
                return hop;
            }
        }
        return current;
    }

    /** {@return the address's bytes, or null when it is not an IP literal (never a DNS lookup)} */
    private static byte[] parse(String address) {
        if (address == null) {
            return null;
        }
        try {
            return InetAddresses.forString(address).getAddress();
        } catch (IllegalArgumentException notAnIpLiteral) {
            return null;
        }
    }

    private boolean trusted(String address) {
        byte[] bytes = parse(address);
        return bytes != null && trusted(bytes);
    }

    private boolean trusted(byte[] bytes) {
        for (int n = 0; n < networks.size(); n++) {
            byte[] net = networks.get(n);
            if (net.length == bytes.length && matches(bytes, net, prefixes.get(n))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] address, byte[] network, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
