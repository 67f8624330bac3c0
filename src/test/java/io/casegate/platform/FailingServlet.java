package io.casegate.platform;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test-only: a request that fails inside the application, for the 500 error page (BrowserHardeningIT). */
@WebServlet("/it-failure")
public class FailingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String SECRET = "it-secret-failure-detail";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        throw new IllegalStateException(SECRET);
    }
}
