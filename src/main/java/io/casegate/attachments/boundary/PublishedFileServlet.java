package io.casegate.attachments.boundary;

import java.io.IOException;
import java.nio.file.Files;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.platform.ContentDisposition;

/** Serves files that went to Casegate's own external storage, by their unguessable token, until they expire. */
@WebServlet(LocalExternalFileStore.PATH + "*")
public class PublishedFileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LocalExternalFileStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token =
                request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        var file = store.find(token);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var published = file.get();
        response.setContentType(published.mediaType());
        response.setContentLengthLong(published.size());
        response.setHeader("Content-Disposition", ContentDisposition.attachment(published.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "private, no-store");
        Files.copy(published.path(), response.getOutputStream());
    }
}
