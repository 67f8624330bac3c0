package io.casegate.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Teaches {@link LocalServer} the context path at start and the local port from the first request;
 * sets the session timeout and cookie flags at start.
 */
@WebListener
public class LocalServerListener implements ServletContextListener, ServletRequestListener {

    @Inject
    LocalServer localServer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        localServer.contextPath(event.getServletContext().getContextPath());
        // Only a listener may set these, and only while the application starts.
        BrowserHardeningFilter.configureSessions(event.getServletContext());
    }

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (localServer.learnedBaseUrl().isEmpty()) {
            localServer.learn(
                    event.getServletRequest().getLocalPort(),
                    event.getServletContext().getContextPath());
        }
    }
}
