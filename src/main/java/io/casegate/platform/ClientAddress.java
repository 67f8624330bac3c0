package io.casegate.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that says which address a request comes from: the connection's, unless the
 * connection comes from a configured trusted proxy ({@value #KEY}); then the address that proxy
 * appended to {@code X-Forwarded-For}. Walking the header from the right and skipping trusted
 * proxies finds the first address no trusted proxy vouches for; everything left of it was written
 * by the client and may be forged. Rate limits and the submission's recorded visitor IP use it.
 */
@ApplicationScoped
public class ClientAddress {

    public static final String KEY = "casegate.http.trusted-proxies";

    @Inject
    @ConfigProperty(name = KEY, defaultValue = "none")
    String trustedProxiesText;

    private List<Range> trustedProxies = List.of();

    @PostConstruct
    void parse() {
        trustedProxies = ranges(trustedProxiesText);
    }

    /** The client's address; never null for a real request. */
    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
    }

    String of(String remoteAddress, java.util.Enumeration<String> forwardedHeaders) {
        if (trustedProxies.isEmpty() || !trusted(remoteAddress) || forwardedHeaders == null) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isLiteral(hop)) {
                // Garbage where an address belongs: the proxy's own address is all that is known.
                return remoteAddress;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return remoteAddress;
    }

    private boolean trusted(String address) {
        if (address == null || !isLiteral(address)) {
            return false;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return trustedProxies.stream().anyMatch(range -> range.contains(bytes));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /** @throws IllegalArgumentException naming the entry that is neither an address nor a CIDR range */
    static List<Range> ranges(String list) {
        List<Range> ranges = new ArrayList<>();
        if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("none")) {
            return ranges;
        }
        for (String item : list.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes;
            try {
                if (!isLiteral(address)) {
                    throw new UnknownHostException(address);
                }
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(KEY + ": '" + entry + "' is not an IP address or a CIDR range", e);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException(KEY + ": '" + entry + "' has no valid prefix length");
                }
            }
            ranges.add(new Range(bytes, prefix));
        }
        return ranges;
    }

    /** Whether {@code list} is a valid setting: for ConfigKeys. */
    static boolean isValidList(String list) {
        try {
            ranges(list);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Digits, hex digits, dots and colons only: InetAddress then parses it and never asks DNS. */
    private static boolean isLiteral(String address) {
        return !address.isEmpty()
                && (address.indexOf(':') >= 0
                        ? address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                        : address.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.'));
    }
}
