package io.casegate.admin.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.admin.control.AdminUsers;

/** The admin login page: open when an admin is configured, otherwise it says how to open it. */
@Named("adminLogin")
@RequestScoped
public class LoginPage {

    @Inject
    AdminUsers users;

    public boolean isOpen() {
        return users.anyConfigured();
    }

    public String getConfigKey() {
        return AdminUsers.CONFIG_KEY;
    }
}
