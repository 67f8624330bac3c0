package io.casegate.health.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.platform.metrics.Metrics;

/**
 * {@code /metrics} under Casegate's context root, in the Prometheus text format, for the scraper.
 * A plain servlet (not MicroProfile Metrics) so that it answers the same on every runtime. With
 * {@code casegate.monitoring.token} set, {@link MonitoringAccessFilter} lets only the scraper in.
 */
@WebServlet(name = "CasegateMetrics", urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    transient Metrics metrics;

    @Inject
    transient OperationalReadings readings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(PROMETHEUS_TEXT);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(metrics.prometheusText(readings.now()));
    }
}
