package io.casegate.admin.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

import io.casegate.admin.control.AdminUsers;

/**
 * Form login for the admin area (Jakarta Security). The login page lies outside {@code /admin/},
 * which web.xml restricts to the admin role, so that it can be shown to anyone; it also tells how
 * to open the area while no admin is configured.
 */
@FormAuthenticationMechanismDefinition(
        loginToContinue =
                @LoginToContinue(
                        loginPage = AdminSecurity.LOGIN_PAGE,
                        errorPage = AdminSecurity.LOGIN_PAGE + "?failed=true",
                        useForwardToLogin = false))
@DeclareRoles(AdminUsers.ROLE)
@ApplicationScoped
public class AdminSecurity {

    public static final String LOGIN_PAGE = "/admin-login.xhtml";
}
