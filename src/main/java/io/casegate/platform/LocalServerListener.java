package io.casegate.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/** Teaches {@link LocalServer} the context path at start and the local port from the first request. */
@WebListener
public class LocalServerListener implements ServletContextListener, ServletRequestListener {

    @Inject
    LocalServer localServer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        localServer.contextPath(event.getServletContext().getContextPath());
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
