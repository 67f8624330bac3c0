package io.casegate.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

/**
 * A page posted with a view state the server no longer has (the session expired, or it was opened
 * in many tabs, or the post is forged) is sent back to the page, {@code ?expired=true}, instead of
 * the 500 error page that Faces' ViewExpiredException would otherwise give: a 5xx tells a client
 * to try the same request again, and the visitor would see "an error on the server". The form
 * shows a notice to fill it in once more (faces-config.xml registers this factory).
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(ExpiredViews.class.getName());
    /** The views Casegate has; anything else goes back to the form (no redirect to a path from the request). */
    private static final Pattern VIEW_ID = Pattern.compile("/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.xhtml");

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events =
                    getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ViewExpiredException expired =
                        expired(events.next().getContext().getException());
                if (expired != null) {
                    events.remove();
                    sendBack(FacesContext.getCurrentInstance(), expired.getViewId());
                }
            }
            getWrapped().handle();
        }

        private static ViewExpiredException expired(Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof ViewExpiredException expired) {
                    return expired;
                }
            }
            return null;
        }

        private static void sendBack(FacesContext context, String viewId) {
            ExternalContext external = context.getExternalContext();
            String view = target(viewId);
            LOG.fine(() -> "View state of " + view + " expired: the visitor is sent back to the page");
            try {
                external.redirect(external.getRequestContextPath() + view + "?expired=true");
                context.responseComplete();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where an expired post is sent: its own view when it is a plain view id, else the form. */
    static String target(String viewId) {
        return viewId != null && VIEW_ID.matcher(viewId).matches() ? viewId : "/index.xhtml";
    }
}
