package io.casegate.admin.boundary;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.feedback.boundary.PersonalData;
import io.casegate.feedback.entity.VisitorErasure;
import io.casegate.platform.Texts;

/**
 * The page "Erase a visitor's data" (a data-subject request under 152-FZ): an e-mail address, a
 * confirmation, and the record of the erasures done so far. The erasure is a POST carrying the view
 * state (another site cannot post an admin into it), answered with a redirect, so a reload erases
 * nothing again; the record at the top of the list is its result.
 */
@Named("adminErasure")
@RequestScoped
public class ErasurePage {

    private static final Logger LOG = Logger.getLogger(ErasurePage.class.getName());

    static final String OUTCOME_ERASED = "erased";
    static final String OUTCOME_REFUSED = "refused";

    @Inject
    AdminConsole console;

    private String email;
    private boolean confirmed;
    private List<VisitorErasure> erasures;

    public String erase() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (!confirmed) {
            context.addMessage(
                    "erase:confirmed",
                    new FacesMessage(
                            FacesMessage.SEVERITY_ERROR,
                            Texts.text(context.getViewRoot().getLocale(), "admin.erasure.confirmRequired"),
                            null));
            return null;
        }
        try {
            console.eraseVisitor(email);
            return "/admin/erasure.xhtml?faces-redirect=true&outcome=" + OUTCOME_ERASED;
        } catch (PersonalData.ErasureRefused busy) {
            LOG.log(Level.INFO, busy.getMessage());
            return "/admin/erasure.xhtml?faces-redirect=true&outcome=" + OUTCOME_REFUSED;
        } catch (IllegalArgumentException notAnAddress) {
            context.addMessage(
                    "erase:email",
                    new FacesMessage(
                            FacesMessage.SEVERITY_ERROR,
                            Texts.text(context.getViewRoot().getLocale(), "admin.erasure.invalid"),
                            null));
            return null;
        }
    }

    public List<VisitorErasure> getErasures() {
        if (erasures == null) {
            erasures = console.latestErasures();
        }
        return erasures;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isConfirmed() {
        return confirmed;
    }

    public void setConfirmed(boolean confirmed) {
        this.confirmed = confirmed;
    }
}
