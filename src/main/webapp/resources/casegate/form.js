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

    /* A modal with one action: focus stays on «Хорошо», Escape acts like it. */
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
                ok.focus();
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
        var update = function () {
            var max = Number(counter.dataset.max);
            counter.textContent = counter.dataset.template
                .replace('{0}', textarea.value.length)
                .replace('{1}', max);
            counter.classList.toggle('near-limit', textarea.value.length > max * 0.9);
        };
        counter.hidden = false;
        textarea.addEventListener('input', update);
        update();
    }

    function showConnectionError() {
        var summary = byId(FORM_ID + ':summary');
        var form = byId(FORM_ID);
        if (!summary || !form) {
            return;
        }
        summary.innerHTML = '';
        var box = document.createElement('div');
        box.className = 'error-summary';
        box.id = 'error-summary';
        box.setAttribute('role', 'alert');
        box.tabIndex = -1;
        box.textContent = form.dataset.connectionError;
        summary.appendChild(box);
        box.focus();
    }

    /* faces.ajax events of the send button: begin, complete, success. */
    function onEvent(data) {
        if (data.status === 'begin') {
            setSending(true);
        } else if (data.status === 'success') {
            initCounter();
            if (openDialog()) {
                return;
            }
            setSending(false);
            markFileInput();
            focusFirstError();
        }
    }

    function onError() {
        setSending(false);
        showConnectionError();
    }

    /* A click that reaches the button while a request is on its way is not another submission. */
    document.addEventListener('click', function (event) {
        var form = byId(FORM_ID);
        if (form && form.classList.contains('is-sending') && event.target === sendButton()) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);

    function init() {
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

    return {onEvent: onEvent, onError: onError};
}());
