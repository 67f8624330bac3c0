package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static ClientAddress trusting(String proxies) {
        ClientAddress address = new ClientAddress();
        address.trustedProxiesText = proxies;
        address.parse();
        return address;
    }

    private static String of(ClientAddress address, String remote, String... forwarded) {
        return address.of(remote, Collections.enumeration(List.of(forwarded)));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress address = trusting("none");
        assertEquals("127.0.0.1", of(address, "127.0.0.1", "203.0.113.7"));
    }

    @Test
    void anUntrustedConnectionCannotNameAnotherAddress() {
        ClientAddress address = trusting("10.0.0.0/8");
        assertEquals("198.51.100.9", of(address, "198.51.100.9", "203.0.113.7"));
    }

    @Test
    void aTrustedProxyNamesTheClientAndForgedEntriesLeftOfItAreSkipped() {
        ClientAddress address = trusting("10.0.0.0/8, 127.0.0.1");
        assertEquals("203.0.113.7", of(address, "10.1.2.3", "203.0.113.7"));
        assertEquals("203.0.113.7", of(address, "10.1.2.3", "1.2.3.4, 203.0.113.7"), "the client wrote 1.2.3.4");
        assertEquals("203.0.113.7", of(address, "127.0.0.1", "1.2.3.4, 203.0.113.7", "10.9.9.9"));
        assertEquals("10.1.2.3", of(address, "10.1.2.3"), "no header: the proxy itself");
        assertEquals("10.1.2.3", of(address, "10.1.2.3", "not-an-address"));
    }

    @Test
    void ipv6RangesAndWrongEntries() {
        ClientAddress address = trusting("::1,fd00::/8");
        assertEquals("2001:db8::5", of(address, "0:0:0:0:0:0:0:1", "2001:db8::5"));
        assertTrue(ClientAddress.isValidList("none"));
        assertTrue(ClientAddress.isValidList("192.168.0.0/16,::1"));
        assertFalse(ClientAddress.isValidList("proxy.example.com"));
        assertFalse(ClientAddress.isValidList("10.0.0.0/40"));
        assertThrows(IllegalArgumentException.class, () -> trusting("10.0.0.0/x"));
    }
}
