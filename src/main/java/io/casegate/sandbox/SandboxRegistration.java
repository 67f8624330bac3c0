package io.casegate.sandbox;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.casegate.sandbox.state.SandboxSettings;

/**
 * Mounts the sandbox CRM at {@value #MOUNT} when {@link SandboxSwitch} says so, and tells the product's
 * pages (which show a demo banner) through the servlet-context attribute {@value #PATH_ATTRIBUTE}. Says
 * at start, as a warning, that it is on: it holds personal data without a login (docs/security.md).
 */
@WebListener
public class SandboxRegistration implements ServletContextListener {

    static final String MOUNT = "/sandbox";
    private static final String PATH_ATTRIBUTE = "casegate.sandbox.path";

    private static final Logger LOG = Logger.getLogger(SandboxRegistration.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        Optional<Boolean> enabled = config.getOptionalValue(SandboxSwitch.KEY, Boolean.class);
        if (!SandboxSwitch.isOn(enabled)) {
            LOG.info("Sandbox CRM is off (" + SandboxSwitch.KEY + "="
                    + enabled.map(String::valueOf).orElse("unset") + ")");
            return;
        }
        SandboxSettings settings = SandboxSettings.from(config);
        // A list that is not one stops the start rather than opening the sandbox wider than meant.
        AllowedClients clients = AllowedClients.parse(
                config.getOptionalValue(AllowedClients.KEY, String.class).orElse(AllowedClients.LOOPBACK));
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic servlet =
                context.addServlet("casegate-sandbox-crm", new SandboxServlet(settings, clients));
        servlet.addMapping(MOUNT + "/*");
        servlet.setLoadOnStartup(1);
        context.setAttribute(PATH_ATTRIBUTE, MOUNT);
        LOG.warning("Sandbox CRM is ON at " + context.getContextPath() + MOUNT
                + ": it holds every submission's personal data and files and shows them without a login"
                + " to the clients in " + AllowedClients.KEY + "=" + clients
                + ". For demos and tests only; a real deployment sets " + SandboxSwitch.KEY
                + "=false (the default) and casegate.crm.url. " + settings);
    }
}
