/*
 * Progressive enhancement of the feedback form (index.xhtml). Without this script the form is
 * a plain POST with server-side messages; with it the button sends by ajax, shows the sending
 * state, focus goes to the first field in error, and the success dialog takes the keyboard.
 */
var casegate = window.casegate || {};
casegate.form = (function () {
    'use strict';

    var FORM_ID = 'feedback';

    function byId(id) {
        return document.getElementById(id);
    }

    function sendButton() {
        return byId(FORM_ID + ':send');
    }

    function announce(text) {
        var status = byId('send-status');
        if (status) {
            status.textContent = text;
        }
    }

    function setSending(sending) {
        var button = sendButton();
        if (!button) {
            return;
        }
        var form = byId(FORM_ID);
        if (sending) {
            button.dataset.idleText = button.dataset.idleText || button.value;
            button.value = button.dataset.sendingText;
            button.disabled = true;
            form.classList.add('is-sending');
            form.setAttribute('aria-busy', 'true');
            announce(button.dataset.sendingText);
        } else {
            button.value = button.dataset.idleText || button.value;
            button.disabled = false;
            form.classList.remove('is-sending');
            form.removeAttribute('aria-busy');
            announce('');
        }
    }

    /* The file input is left out of ajax renders (so its files survive), so its state is set here. */
    function markFileInput() {
        var input = byId(FORM_ID + ':files');
        var messages = byId(FORM_ID + ':files-error');
        if (input) {
            var invalid = !!messages && messages.textContent.trim() !== '';
            input.setAttribute('aria-invalid', invalid ? 'true' : 'false');
        }
    }

    function focusFirstError() {
        var form = byId(FORM_ID);
        var first = form && form.querySelector('[aria-invalid="true"]');
        var target = first || byId('error-summary');
        if (target) {
            target.focus();
        }
    }

    function reloadToEmptyForm() {
        var ok = byId('sent-ok');
        window.location.replace(ok ? ok.href : window.location.href);
    }

    /* A modal: focus starts on «Хорошо» and stays inside (Tab moves between «Хорошо» and the
       status link, when there is one), Escape acts like «Хорошо». */
    function openDialog() {
        var dialog = byId('sent-dialog');
        if (!dialog) {
            return false;
        }
        var ok = byId('sent-ok');
        dialog.addEventListener('keydown', function (event) {
            if (event.key === 'Escape') {
                event.preventDefault();
                reloadToEmptyForm();
            } else if (event.key === 'Tab') {
                event.preventDefault();
                var stops = Array.prototype.slice.call(dialog.querySelectorAll('a[href]'));
                var at = stops.indexOf(document.activeElement);
                var next = at < 0 ? 0 : (at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length;
                stops[next].focus();
            }
        });
        ok.addEventListener('click', function (event) {
            event.preventDefault();
            reloadToEmptyForm();
        });
        document.body.classList.add('has-dialog');
        ok.focus();
        return true;
    }

    function initCounter() {
        var textarea = byId(FORM_ID + ':description');
        var counter = byId('description-counter');
        if (!textarea || !counter) {
            return;
        }
        var language = document.documentElement.lang || undefined;
        var update = function () {
            var max = Number(counter.dataset.max);
            counter.textContent = counter.dataset.template
                .replace('{0}', textarea.value.length.toLocaleString(language))
                .replace('{1}', max.toLocaleString(language));
            counter.classList.toggle('near-limit', textarea.value.length > max * 0.9);
        };
        counter.hidden = false;
        textarea.addEventListener('input', update);
        update();
    }

    function showError(text) {
        var summary = byId(FORM_ID + ':summary');
        if (!summary) {
            return;
        }
        summary.innerHTML = '';
        var box = document.createElement('div');
        box.className = 'error-summary';
        box.id = 'error-summary';
        box.setAttribute('role', 'alert');
        box.tabIndex = -1;
        box.textContent = text;
        summary.appendChild(box);
        box.focus();
    }

    /*
     * After a failed ajax request the next click is a plain POST of the same rendered form (so the
     * same submission token): Mojarra's request queue may still wait for the lost request, and the
     * plain POST is the path that also works without JavaScript.
     */
    function failed(text) {
        var form = byId(FORM_ID);
        var button = sendButton();
        form.removeAttribute('target');
        plainPost = true;
        form.addEventListener('submit', function () {
            form.classList.add('is-sending');
            button.value = button.dataset.sendingText;
            announce(button.dataset.sendingText);
        });
        setSending(false);
        showError(text);
    }

    /*
     * Mojarra sends a form with files through a hidden iframe. When the server cannot be reached
     * the iframe shows the browser's own error page, which Mojarra cannot read and so reports
     * nothing; this reports it.
     */
    function watchUploadFrame() {
        var frame = byId('FacesFrameId');
        if (!frame) {
            return;
        }
        frame.addEventListener('load', function () {
            var readable;
            try {
                // The answer is an XML document (no body); only an error page is unreadable.
                readable = !!frame.contentWindow.document;
            } catch (crossOriginErrorPage) {
                readable = false;
            }
            if (!readable) {
                failed(byId(FORM_ID).dataset.connectionError);
            }
        });
    }

    /* faces.ajax events of the send button: begin, complete, success. */
    function onEvent(data) {
        if (data.status === 'begin') {
            setSending(true);
            watchUploadFrame();
        } else if (data.status === 'success') {
            initCounter();
            setSending(false);
            if (openDialog()) {
                // Sent: this form is done; «Хорошо» gives a new one.
                sendButton().disabled = true;
                return;
            }
            markFileInput();
            focusFirstError();
        }
    }

    function onError() {
        failed(byId(FORM_ID).dataset.serverError);
    }

    function format(template, values) {
        return template.replace(/\{(\d+)\}/g, function (placeholder, index) {
            return String(values[Number(index)]);
        });
    }

    /* The same size and type rules as the server's FilePolicy, with the same texts. */
    function checkChosenFiles() {
        var input = byId(FORM_ID + ':files');
        var list = byId('files-check');
        if (!input || !list) {
            return 0;
        }
        var maxMb = Number(input.dataset.maxFileMb);
        var allowed = (input.getAttribute('accept') || '').split(',').map(function (type) {
            return type.trim().replace(/^\./, '').toLowerCase();
        }).filter(Boolean).sort();
        var problems = [];
        Array.prototype.forEach.call(input.files || [], function (file) {
            var dot = file.name.lastIndexOf('.');
            var extension = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
            if (file.size > maxMb * 1024 * 1024) {
                problems.push(format(input.dataset.tooLarge, [file.name, maxMb]));
            }
            if (allowed.length && allowed.indexOf(extension) < 0) {
                problems.push(format(input.dataset.typeNotAllowed, [file.name, allowed.join(', ')]));
            }
        });
        list.innerHTML = '';
        problems.forEach(function (text) {
            var item = document.createElement('li');
            item.textContent = text;
            list.appendChild(item);
        });
        input.setAttribute('aria-invalid', problems.length ? 'true' : 'false');
        return problems.length;
    }

    document.addEventListener('change', function (event) {
        if (event.target.id === FORM_ID + ':files') {
            var serverMessages = byId(FORM_ID + ':files-error');
            if (serverMessages) {
                serverMessages.innerHTML = '';
            }
            checkChosenFiles();
        }
    });

    /*
     * A click that reaches the button while a request is on its way is not another submission,
     * and files the server would refuse are not uploaded.
     */
    document.addEventListener('click', function (event) {
        var form = byId(FORM_ID);
        if (!form || event.target !== sendButton()) {
            return;
        }
        if (form.classList.contains('is-sending') || checkChosenFiles() > 0) {
            event.preventDefault();
            event.stopImmediatePropagation();
            if (!form.classList.contains('is-sending')) {
                byId(FORM_ID + ':files').focus();
            }
        }
    }, true);

    /*
     * The send button's ajax request, started here rather than by f:ajax, whose inline onclick
     * the Content-Security-Policy forbids (issue 14). The render list is the button's data-render.
     * Runs after the capturing listener above, which stops clicks that must not send.
     */
    var plainPost = false;

    document.addEventListener('click', function (event) {
        var button = sendButton();
        if (plainPost || !window.faces || event.target !== button) {
            return;
        }
        event.preventDefault();
        faces.ajax.request(button, event, {
            execute: '@form',
            // faces.ajax.request wants client ids; data-render holds the ids within the form, as f:ajax did.
            render: button.dataset.render.split(/\s+/).filter(Boolean).map(function (id) {
                return FORM_ID + ':' + id;
            }).join(' '),
            onevent: onEvent,
            onerror: onError
        });
    });

    /*
     * The rendered form lives in the visitor's session. Someone who writes for longer than the
     * session timeout would otherwise send into an expired view and lose the input; an empty ajax
     * request now and then keeps the session and this view alive while the page is open.
     */
    var KEEP_ALIVE_MS = 5 * 60 * 1000;

    function keepAlive() {
        var form = byId(FORM_ID);
        if (form && window.faces && !form.classList.contains('is-sending') && !byId('sent-dialog')) {
            faces.ajax.request(form, null, {execute: '@none', render: '@none', onerror: function () {}});
        }
    }

    function init() {
        window.setInterval(keepAlive, KEEP_ALIVE_MS);
        initCounter();
        if (!openDialog()) {
            focusFirstError();
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }

    return {onEvent: onEvent, onError: onError, keepAlive: keepAlive};
}());
