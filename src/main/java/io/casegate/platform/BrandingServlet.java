package io.casegate.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the stylesheet, logo and fonts of the operator's {@link Branding} directory at
 * {@code /branding/<file>}: only plain file names directly in that directory, with an extension
 * Casegate knows (its content type is set from it), never a path, a hidden file, a symbolic link
 * or the texts. Anything else is 404, the same as when no branding is configured.
 */
@WebServlet(Branding.PATH + "*")
public class BrandingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String info = request.getPathInfo();
        String name = info == null || info.length() < 2 ? null : info.substring(1);
        Optional<Path> file = Branding.current().servedFile(name);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(Branding.type(name));
        response.setContentLengthLong(Files.size(file.get()));
        response.setHeader("Cache-Control", "public, max-age=300");
        Files.copy(file.get(), response.getOutputStream());
    }
}
