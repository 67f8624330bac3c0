package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExpiredViewsTest {

    @Test
    void anExpiredPostGoesBackToItsOwnViewOrElseToTheForm() {
        assertEquals("/index.xhtml", ExpiredViews.target("/index.xhtml"));
        assertEquals("/admin/submission.xhtml", ExpiredViews.target("/admin/submission.xhtml"));
        assertEquals("/index.xhtml", ExpiredViews.target(null));
        assertEquals("/index.xhtml", ExpiredViews.target("//evil.example/x.xhtml"));
        assertEquals("/index.xhtml", ExpiredViews.target("/../x.xhtml"));
        assertEquals("/index.xhtml", ExpiredViews.target("/a.xhtml?x=https://evil.example"));
    }
}
