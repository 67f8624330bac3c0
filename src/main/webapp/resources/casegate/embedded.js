/*
 * Casegate's pages inside another site's page (docs/form.md, "Embedding"). In a frame, this tells
 * the parent page the height of the content whenever it changes (validation messages, the
 * success dialog), so that embed.js there sizes the frame, and reports a sent form as
 * {type: 'casegate:submitted', reference, number, redirect}. Messages go only to the pages that
 * casegate.http.frame-ancestors allows (the Content-Security-Policy refuses every other parent):
 * postMessage delivers nothing to a parent of another origin than the one named.
 * Not in a frame, a configured thank-you page (casegate.form.success-redirect) is opened instead
 * of the success dialog.
 */
(function () {
    'use strict';

    var embedded = window.parent !== window;
    var reported = false;

    function parentOrigin() {
        if (window.location.ancestorOrigins && window.location.ancestorOrigins.length) {
            return window.location.ancestorOrigins[0];
        }
        try {
            return document.referrer ? new URL(document.referrer).origin : null;
        } catch (notAUrl) {
            return null;
        }
    }

    function wildcardMatches(source, origin) {
        var pattern = source.indexOf('://') < 0 ? window.location.protocol + '//' + source : source;
        var expression = '^' + pattern.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '[^/]+') + '$';
        return new RegExp(expression, 'i').test(origin);
    }

    /* The origins of casegate.http.frame-ancestors that the parent may have. */
    function targets() {
        var meta = document.querySelector('meta[name="casegate-parent-origins"]');
        var sources = meta ? meta.content.split(/\s+/).filter(Boolean) : ["'self'"];
        var parent = parentOrigin();
        var origins = [];
        sources.forEach(function (source) {
            if (source === "'self'") {
                origins.push(window.location.origin);
            } else if (source.charAt(0) === "'" || /^[a-z][a-z0-9+.-]*:$/i.test(source)) {
                return; // 'none' and scheme-only sources name no origin to send to
            } else if (source.indexOf('*') >= 0) {
                if (parent && wildcardMatches(source.replace(/\/+$/, ''), parent)) {
                    origins.push(parent);
                }
            } else {
                try {
                    origins.push(new URL(source.indexOf('://') < 0
                        ? window.location.protocol + '//' + source : source).origin);
                } catch (notAUrl) {
                    // not an origin: nothing to send to
                }
            }
        });
        return origins.filter(function (origin, index) {
            return origins.indexOf(origin) === index;
        });
    }

    function post(message) {
        targets().forEach(function (origin) {
            window.parent.postMessage(message, origin);
        });
    }

    var lastHeight = 0;

    function postHeight() {
        var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
        if (height !== lastHeight) {
            lastHeight = height;
            post({type: 'casegate:height', height: height});
        }
    }

    /* The thank-you page's address with the case number that came after the page was rendered. */
    function withNumber(redirect, number) {
        if (!redirect || !number) {
            return redirect;
        }
        try {
            var url = new URL(redirect, window.location.href);
            url.searchParams.set('number', number);
            return url.toString();
        } catch (notAUrl) {
            return redirect;
        }
    }

    function deliver(reference, number, redirect) {
        if (embedded) {
            post({type: 'casegate:submitted', reference: reference, number: number, redirect: redirect});
        } else if (redirect) {
            window.location.assign(redirect);
        }
    }

    /*
     * index.xhtml renders #sent-data with the receipt once the form is sent (ajax or plain POST).
     * The form answers before the CRM gives the number; form.js announces it with the event
     * casegate:case-number, and the report waits for it as long as the dialog does (then it goes
     * without the number, which the status link will show).
     */
    function reportSent() {
        var sent = document.getElementById('sent-data');
        if (!sent || reported) {
            return;
        }
        reported = true;
        var reference = sent.dataset.reference || '';
        var redirect = sent.dataset.redirect || '';
        if (sent.dataset.number) {
            deliver(reference, sent.dataset.number, redirect);
            return;
        }
        var done = false;
        var finish = function (number) {
            if (!done) {
                done = true;
                deliver(reference, number, withNumber(redirect, number));
            }
        };
        document.addEventListener('casegate:case-number', function (event) {
            finish(event.detail && event.detail.caseNumber ? event.detail.caseNumber : '');
        });
        window.setTimeout(function () {
            finish('');
        }, Number(sent.dataset.wait || 15000));
    }

    function init() {
        if (embedded) {
            document.documentElement.classList.add('embedded');
            if (window.ResizeObserver) {
                new ResizeObserver(postHeight).observe(document.documentElement);
            } else {
                window.setInterval(postHeight, 500);
            }
            window.addEventListener('load', postHeight);
            postHeight();
        }
        if (window.faces && faces.ajax && faces.ajax.addOnEvent) {
            faces.ajax.addOnEvent(function (data) {
                if (data.status === 'success') {
                    reportSent();
                }
            });
        }
        reportSent();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}());
