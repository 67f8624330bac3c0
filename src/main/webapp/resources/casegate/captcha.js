/*
 * The optional CAPTCHA on the form (docs/security.md, "CAPTCHA"). Yandex SmartCaptcha's widget
 * (captcha.js from casegate.captcha.script-url) fills the hidden input smart-token, which the
 * form sends and the server verifies. A token is good for one verification, so after an ajax
 * answer without the success dialog the widget is reset for the next attempt.
 */
(function () {
    'use strict';

    function init() {
        if (!window.faces || !faces.ajax || !faces.ajax.addOnEvent) {
            return;
        }
        faces.ajax.addOnEvent(function (data) {
            if (data.status === 'success' && !document.getElementById('sent-dialog')
                    && window.smartCaptcha && typeof window.smartCaptcha.reset === 'function') {
                window.smartCaptcha.reset();
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}());
