package io.casegate.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

/**
 * Stops the start when a configuration value is wrong. Without it Payara Micro 6 deploys Casegate with
 * {@code casegate.delivery.concurrency=many} and reports the node ready (tried: the injected value falls
 * back to its default), so a node would run with settings nobody chose. Throwing from the first
 * initialisation observer fails the deployment on Payara and on WildFly; each wrong value is logged on
 * a line of its own, naming the key and what it must be (see {@link ConfigKeys}).
 */
@ApplicationScoped
public class ConfigurationCheck {

    /** Before the migration and every other initialisation observer. */
    public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;

    private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

    @Inject
    Config config;

    void checkAtStartup(@Observes @Priority(PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        check(config);
    }

    static void check(Config config) {
        List<String> problems = new ArrayList<>(ConfigKeys.problems(config));
        DatabaseSchema.checkJndiName(config.getOptionalValue(DatabaseSchema.JNDI_NAME_KEY, String.class))
                .ifPresent(problems::add);
        if (problems.isEmpty()) {
            return;
        }
        problems.forEach(LOG::severe);
        throw new IllegalStateException("Casegate does not start: " + String.join("; ", problems)
                + " (every key is described in docs/configuration.md)");
    }
}
