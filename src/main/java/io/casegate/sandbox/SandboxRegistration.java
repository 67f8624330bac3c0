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
 * pages (which show a demo banner) through the servlet-context attribute {@value #PATH_ATTRIBUTE}.
 */
@WebListener
public class SandboxRegistration implements ServletContextListener {

    static final String MOUNT = "/sandbox";
    private static final String PATH_ATTRIBUTE = "casegate.sandbox.path";

    private static final Logger LOG = Logger.getLogger(SandboxRegistration.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        Optional<Boolean> enabled = config.getOptionalValue("casegate.sandbox.enabled", Boolean.class);
        Optional<String> crmUrl = config.getOptionalValue("casegate.crm.url", String.class);
        if (!SandboxSwitch.isOn(enabled, crmUrl)) {
            LOG.info("Sandbox CRM is off (casegate.sandbox.enabled="
                    + enabled.map(String::valueOf).orElse("unset") + ", casegate.crm.url "
                    + (crmUrl.isPresent() ? "configured" : "unset") + ")");
            return;
        }
        SandboxSettings settings = SandboxSettings.from(config);
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet("casegate-sandbox-crm", new SandboxServlet(settings));
        servlet.addMapping(MOUNT + "/*");
        servlet.setLoadOnStartup(1);
        context.setAttribute(PATH_ATTRIBUTE, MOUNT);
        LOG.info("Sandbox CRM is on at " + context.getContextPath() + MOUNT + " with " + settings);
    }
}
