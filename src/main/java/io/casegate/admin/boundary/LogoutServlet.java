package io.casegate.admin.boundary;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The admin's «Выйти» (issue 14): ends the session that {@link AdminSecurity} keeps the sign-in in,
 * so that neither this browser nor anyone holding the old cookie is signed in any more. A POST only,
 * so that a link or an image elsewhere cannot sign an admin out.
 */
@WebServlet("/admin/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + AdminSecurity.LOGIN_PAGE);
    }
}
