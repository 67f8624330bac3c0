package io.casegate.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rate limits against abuse (docs/security.md, "Abuse limits"), per node and in memory: with N
 * nodes behind a balancer that spreads a client over them the effective limit is up to N times the
 * configured one (docker/haproxy.cfg keeps a visitor on one node). The defaults lie far above what
 * an honest visitor does: nobody sends 10 support requests in 10 minutes, looks up a status 30 times
 * a minute or mistypes a password 5 times in 15 minutes; the API is off by default, a site's server
 * sending all its visitors through one key.
 */
@ApplicationScoped
public class AbuseLimits {

    /** Enough for every client of a busy site within the longest window; an LRU beyond it. */
    static final int MAX_KEYS = 100_000;

    @Inject
    @ConfigProperty(name = "casegate.limits.form.max", defaultValue = "10")
    int formMax;

    @Inject
    @ConfigProperty(name = "casegate.limits.form.window", defaultValue = "10m")
    Duration formWindow;

    @Inject
    @ConfigProperty(name = "casegate.limits.status.max", defaultValue = "30")
    int statusMax;

    @Inject
    @ConfigProperty(name = "casegate.limits.status.window", defaultValue = "1m")
    Duration statusWindow;

    @Inject
    @ConfigProperty(name = "casegate.limits.case-number.max", defaultValue = "120")
    int caseNumberMax;

    @Inject
    @ConfigProperty(name = "casegate.limits.case-number.window", defaultValue = "1m")
    Duration caseNumberWindow;

    @Inject
    @ConfigProperty(name = "casegate.limits.admin-login.max-failures", defaultValue = "5")
    int loginMax;

    @Inject
    @ConfigProperty(name = "casegate.limits.admin-login.window", defaultValue = "15m")
    Duration loginWindow;

    @Inject
    @ConfigProperty(name = "casegate.limits.api.max", defaultValue = "0")
    int apiMax;

    @Inject
    @ConfigProperty(name = "casegate.limits.api.window", defaultValue = "1m")
    Duration apiWindow;

    @Inject
    Clock clock;

    private RateLimiter form;
    private RateLimiter status;
    private RateLimiter caseNumber;
    private RateLimiter loginByAddress;
    private RateLimiter loginByName;
    private RateLimiter api;

    @PostConstruct
    void create() {
        form = new RateLimiter(formMax, formWindow, MAX_KEYS, clock);
        status = new RateLimiter(statusMax, statusWindow, MAX_KEYS, clock);
        caseNumber = new RateLimiter(caseNumberMax, caseNumberWindow, MAX_KEYS, clock);
        loginByAddress = new RateLimiter(loginMax, loginWindow, MAX_KEYS, clock);
        loginByName = new RateLimiter(loginMax, loginWindow, MAX_KEYS, clock);
        api = new RateLimiter(apiMax, apiWindow, MAX_KEYS, clock);
    }

    /** One submission of the form from {@code clientAddress}; empty when allowed. */
    public Optional<Duration> formSubmission(String clientAddress) {
        return form.acquire(clientAddress);
    }

    /** One status lookup from {@code clientAddress}; empty when allowed. */
    public Optional<Duration> statusLookup(String clientAddress) {
        return status.acquire(clientAddress);
    }

    /** One question of the success dialog for its case number from {@code clientAddress}; empty when allowed. */
    public Optional<Duration> caseNumberPoll(String clientAddress) {
        return caseNumber.acquire(clientAddress);
    }

    /** One API request with {@code apiKey}; empty when allowed. */
    public Optional<Duration> apiRequest(String apiKey) {
        return api.acquire(apiKey);
    }

    /**
     * Whether a login from {@code clientAddress} as {@code userName} must wait, before the password
     * is checked. The same answer whether the name exists or not: failures are counted for any name.
     */
    public Optional<Duration> loginBlocked(String clientAddress, String userName) {
        Optional<Duration> byAddress = loginByAddress.check(clientAddress);
        Optional<Duration> byName = loginByName.check(nameKey(userName));
        if (byAddress.isPresent() && byName.isPresent()) {
            return Optional.of(byAddress.get().compareTo(byName.get()) > 0 ? byAddress.get() : byName.get());
        }
        return byAddress.isPresent() ? byAddress : byName;
    }

    public void loginFailed(String clientAddress, String userName) {
        loginByAddress.record(clientAddress);
        loginByName.record(nameKey(userName));
    }

    private static String nameKey(String userName) {
        return userName == null ? null : userName.strip().toLowerCase(Locale.ROOT);
    }
}
