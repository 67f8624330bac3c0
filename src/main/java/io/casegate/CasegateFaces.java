package io.casegate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Activates Jakarta Faces 4 with CDI for the whole application. */
@FacesConfig
@ApplicationScoped
public class CasegateFaces {}
