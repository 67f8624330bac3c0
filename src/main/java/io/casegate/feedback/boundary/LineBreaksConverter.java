package io.casegate.feedback.boundary;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

/**
 * Browsers count a line break in a textarea as one character for {@code maxlength} and the
 * counter, but submit it as two (CR LF). Storing it as one keeps the server's length rule in
 * step with what the visitor saw.
 */
@FacesConverter("casegate.lineBreaks")
public class LineBreaksConverter implements Converter<String> {

    @Override
    public String getAsObject(FacesContext context, UIComponent component, String submitted) {
        return submitted == null ? null : submitted.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, String value) {
        return value == null ? "" : value;
    }
}
