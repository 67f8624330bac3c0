package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowedClientsTest {

    @Test
    void theDefaultAdmitsLoopbackOnly() {
        AllowedClients loopback = AllowedClients.parse(AllowedClients.LOOPBACK);
        assertTrue(loopback.admits("127.0.0.1"));
        assertTrue(loopback.admits("127.0.0.2"));
        assertTrue(loopback.admits("127.255.255.254"));
        assertTrue(loopback.admits("0:0:0:0:0:0:0:1"));
        assertTrue(loopback.admits("::1"));
        assertTrue(loopback.admits("::ffff:127.0.0.1"), "an IPv4-mapped loopback address is loopback");
        assertFalse(loopback.admits("128.0.0.1"));
        assertFalse(loopback.admits("10.0.0.7"));
        assertFalse(loopback.admits("192.168.1.10"));
        assertFalse(loopback.admits("::2"));
        assertFalse(loopback.admits("fe80:0:0:0:0:0:0:1"));
        assertFalse(loopback.admits(""));
        assertFalse(loopback.admits(null));
        assertFalse(loopback.admits("localhost"), "a name is never looked up");
    }

    @Test
    void rangesAndSingleAddresses() {
        AllowedClients clients = AllowedClients.parse(" 10.1.0.0/20 , 192.168.5.5, fd00::/8 ");
        assertTrue(clients.admits("10.1.15.255"));
        assertFalse(clients.admits("10.1.16.0"));
        assertTrue(clients.admits("192.168.5.5"));
        assertFalse(clients.admits("192.168.5.6"));
        assertTrue(clients.admits("fd12:3456::1"));
        assertFalse(clients.admits("fe12:3456::1"));
        assertFalse(clients.admits("127.0.0.1"), "a list replaces the default");
    }

    @Test
    void emptyAdmitsNobodyAndEverythingIsOnlyByChoice() {
        assertFalse(AllowedClients.parse("").admits("127.0.0.1"));
        assertTrue(AllowedClients.parse("0.0.0.0/0,::/0").admits("203.0.113.9"));
    }

    @Test
    void anEntryThatIsNoAddressStopsTheStart() {
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "example.org/8"}) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> AllowedClients.parse(bad), bad);
            assertTrue(refused.getMessage().contains(AllowedClients.KEY), refused.getMessage());
        }
    }
}
