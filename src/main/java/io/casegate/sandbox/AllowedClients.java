package io.casegate.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients the sandbox answers, by their address: it holds every visitor's personal data and
 * files without a login, so by default only the machine it runs on may read it. Addresses and
 * CIDR ranges, comma-separated ({@code 127.0.0.0/8,::1}, the default); only literal addresses, so that
 * deciding never waits for DNS.
 */
final class AllowedClients {

    static final String KEY = "casegate.sandbox.allowed-clients";
    static final String LOOPBACK = "127.0.0.0/8,::1";

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

    private final List<Range> ranges;
    private final String text;

    private AllowedClients(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the entry that is not an address or a range, so that the start stops */
    static AllowedClients parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String item : list.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash), entry);
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException(KEY + ": '" + entry + "' has no valid prefix length");
                }
            }
            ranges.add(new Range(address, prefix));
        }
        return new AllowedClients(ranges, list.strip());
    }

    /** True when {@code remoteAddress} (the servlet's {@code getRemoteAddr()}) lies in a range. */
    boolean admits(String remoteAddress) {
        if (remoteAddress == null || !isLiteral(remoteAddress)) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(remoteAddress).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String address, String entry) {
        if (!isLiteral(address)) {
            throw new IllegalArgumentException(KEY + ": '" + entry + "' is not an IP address or a CIDR range");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(KEY + ": '" + entry + "' is not an IP address or a CIDR range", e);
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
