/*
 * Progressive enhancement of the feedback form (index.xhtml). Without this script the form is
 * a plain POST with server-side messages; with it the button sends by ajax (an XMLHttpRequest, for
 * the upload's progress bar), shows the sending state, focus goes to the first field in error, the
 * files get a chooser in the page's language with a list, remove buttons and a drop zone, and the
 * success dialog takes the keyboard, waits for the case number and copies it. docs/form.md.
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

    /* A modal: focus starts on «Хорошо» and stays inside (Tab moves between «Хорошо», the
       status link and the copy button, when there are), Escape acts like «Хорошо». */
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
                var stops = Array.prototype.slice.call(dialog.querySelectorAll('a[href], button:not([hidden])'));
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
        initCopy();
        // A reload (or Back after «Хорошо») shows this dialog again instead of an empty form.
        if (dialog.dataset.sentUrl && window.history && window.history.replaceState
                && window.location.search.indexOf('sent=') < 0) {
            window.history.replaceState(null, '', dialog.dataset.sentUrl);
        }
        if (dialog.getAttribute('aria-busy') === 'true') {
            awaitCaseNumber(dialog);
        }
        ok.focus();
        return true;
    }

    /*
     * The case number, while the CRM has not given it yet: the server answered at once (no request
     * thread waits for it, issue 14), so the dialog asks a light JSON endpoint, more and more
     * rarely, until the number is there or the server says the wait is over.
     */
    var POLL_DELAYS_MS = [250, 400, 600, 800, 1000, 1500];
    var POLL_GIVE_UP_MS = 5 * 60 * 1000;

    function awaitCaseNumber(dialog) {
        var started = Date.now();
        var polls = 0;
        var ask = function () {
            var request = new XMLHttpRequest();
            request.open('GET', dialog.dataset.caseNumberUrl);
            request.setRequestHeader('Accept', 'application/json');
            request.onload = function () {
                var answer = null;
                if (request.status === 200) {
                    try {
                        answer = JSON.parse(request.responseText);
                    } catch (notJson) {
                        answer = null;
                    }
                }
                if (answer && answer.caseNumber) {
                    showCaseNumber(dialog, answer.caseNumber);
                } else if (answer && answer.waiting && Date.now() - started < POLL_GIVE_UP_MS) {
                    next();
                } else {
                    stopWaiting(dialog);
                }
            };
            request.onerror = function () {
                stopWaiting(dialog);
            };
            request.send();
        };
        var next = function () {
            window.setTimeout(ask, POLL_DELAYS_MS[Math.min(polls++, POLL_DELAYS_MS.length - 1)]);
        };
        next();
    }

    /* No number in time: the reference and the status link, already in the dialog, stay. */
    function stopWaiting(dialog) {
        var waiting = byId('sent-waiting');
        if (waiting) {
            waiting.parentNode.removeChild(waiting);
        }
        dialog.setAttribute('aria-busy', 'false');
    }

    function showCaseNumber(dialog, caseNumber) {
        var message = byId('sent-message');
        var followUp = byId('sent-followup');
        var focusWasInFollowUp = followUp && followUp.contains(document.activeElement);
        message.setAttribute('aria-live', 'polite');
        message.textContent = format(message.dataset.withNumber, [caseNumber]);
        if (followUp) {
            followUp.textContent = '';
        }
        var copy = byId('sent-copy');
        if (copy) {
            copy.dataset.number = caseNumber;
        }
        stopWaiting(dialog);
        if (focusWasInFollowUp) {
            byId('sent-ok').focus();
        }
        // For scripts of the page that want the number too (an embedding page's report, say).
        if (typeof window.CustomEvent === 'function') {
            document.dispatchEvent(new CustomEvent('casegate:case-number', {detail: {caseNumber: caseNumber}}));
        }
    }

    /* «Скопировать номер»: the Clipboard API, or a selected text and the copy command where it is missing. */
    function initCopy() {
        var button = byId('sent-copy');
        var status = byId('sent-copy-status');
        var canCopy = (navigator.clipboard && window.isSecureContext)
                || (document.queryCommandSupported && document.queryCommandSupported('copy'));
        if (!button || !status || !canCopy) {
            return;
        }
        button.hidden = false;
        button.addEventListener('click', function () {
            var number = button.dataset.number;
            var done = function () {
                status.textContent = button.dataset.copied;
            };
            var fallback = function () {
                status.textContent = copyBySelection(number) ? button.dataset.copied : button.dataset.copyFailed;
            };
            status.textContent = '';
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(number).then(done, fallback);
            } else {
                fallback();
            }
        });
    }

    function copyBySelection(text) {
        var field = document.createElement('textarea');
        field.value = text;
        field.setAttribute('readonly', 'readonly');
        field.className = 'visually-hidden';
        var dialog = byId('sent-dialog');
        var focused = document.activeElement;
        dialog.appendChild(field);
        field.select();
        var copied = false;
        try {
            copied = document.execCommand('copy');
        } catch (notAllowed) {
            copied = false;
        }
        dialog.removeChild(field);
        if (focused) {
            focused.focus();
        }
        return copied;
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

    /* A bundle text with its {0}, {1}… filled in (and MessageFormat's '' read as one quote). */
    function format(template, values) {
        return template.replace(/\{(\d+)\}/g, function (placeholder, index) {
            return String(values[Number(index)]);
        }).replace(/''/g, "'");
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
            if (filesEnhanced) {
                // The picker adds to the files chosen before, as the list and the drop zone do.
                chooseFiles(chosenFiles.concat(Array.prototype.slice.call(event.target.files || [])));
            } else {
                filesChanged();
            }
        }
    });

    function filesChanged() {
        var serverMessages = byId(FORM_ID + ':files-error');
        if (serverMessages) {
            serverMessages.innerHTML = '';
        }
        checkChosenFiles();
    }

    /*
     * The file chooser: the browser's own button speaks the browser's language, so the input is
     * hidden (still focusable, still posted, still the target of the label) and a label in the
     * page's language opens it; the chosen files are listed with their sizes and a remove button
     * each, and files dropped onto the zone are added. The input's FileList is kept equal to the
     * list (DataTransfer), so the ajax send, the plain POST and the server's checks all see exactly
     * the listed files. Browsers that cannot set an input's files keep the plain input.
     */
    var filesEnhanced = false;
    var chosenFiles = [];

    function canSetFiles() {
        try {
            return typeof DataTransfer === 'function' && !!new DataTransfer().items;
        } catch (notSupported) {
            return false;
        }
    }

    function element(tag, className, text) {
        var created = document.createElement(tag);
        if (className) {
            created.className = className;
        }
        if (text !== undefined) {
            created.textContent = text;
        }
        return created;
    }

    function enhanceFiles() {
        var input = byId(FORM_ID + ':files');
        if (!input || filesEnhanced || !canSetFiles()) {
            return;
        }
        filesEnhanced = true;
        var zone = element('div', 'drop-zone');
        zone.id = 'files-drop';
        input.parentNode.insertBefore(zone, input);
        var choose = element('label', 'button secondary files-choose', input.dataset.choose);
        choose.htmlFor = input.id;
        choose.id = 'files-choose';
        choose.setAttribute('aria-hidden', 'true');
        zone.appendChild(input);
        zone.appendChild(choose);
        zone.appendChild(element('span', 'drop-hint', input.dataset.drop));
        var list = element('ul', 'file-list');
        list.id = 'files-list';
        zone.appendChild(list);
        var summary = element('p', 'hint files-summary');
        summary.id = 'files-summary';
        summary.setAttribute('aria-live', 'polite');
        zone.appendChild(summary);
        input.classList.add('visually-hidden');

        var progress = element('div', 'upload-progress');
        progress.id = 'upload-progress';
        progress.hidden = true;
        var bar = element('progress');
        bar.id = 'upload-progress-bar';
        bar.max = 100;
        bar.value = 0;
        var label = element('span');
        label.id = 'upload-progress-text';
        bar.setAttribute('aria-labelledby', label.id);
        progress.appendChild(bar);
        progress.appendChild(label);
        zone.parentNode.insertBefore(progress, zone.nextSibling);

        var dragDepth = 0;
        zone.addEventListener('dragenter', function (event) {
            if (hasFiles(event)) {
                event.preventDefault();
                dragDepth++;
                zone.classList.add('drag-over');
            }
        });
        zone.addEventListener('dragover', function (event) {
            if (hasFiles(event)) {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'copy';
            }
        });
        zone.addEventListener('dragleave', function () {
            dragDepth = Math.max(0, dragDepth - 1);
            if (dragDepth === 0) {
                zone.classList.remove('drag-over');
            }
        });
        zone.addEventListener('drop', function (event) {
            event.preventDefault();
            dragDepth = 0;
            zone.classList.remove('drag-over');
            if (sending()) {
                return;
            }
            chooseFiles(chosenFiles.concat(Array.prototype.slice.call(event.dataTransfer.files || [])));
        });
        // A file that misses the zone must not replace the page (and the visitor's input) with itself.
        ['dragover', 'drop'].forEach(function (type) {
            window.addEventListener(type, function (event) {
                if (hasFiles(event) && !zone.contains(event.target)) {
                    event.preventDefault();
                    if (type === 'dragover') {
                        event.dataTransfer.dropEffect = 'none';
                    }
                }
            });
        });
        chosenFiles = Array.prototype.slice.call(input.files || []);
        renderFiles();
    }

    function hasFiles(event) {
        var types = event.dataTransfer && event.dataTransfer.types;
        return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
    }

    function sending() {
        var form = byId(FORM_ID);
        return !!form && form.classList.contains('is-sending');
    }

    function sameFile(a, b) {
        return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
    }

    /* Makes {@code files} (without repeats) the input's files, the list and the checks. */
    function chooseFiles(files) {
        var input = byId(FORM_ID + ':files');
        var unique = [];
        files.forEach(function (file) {
            if (!unique.some(function (known) { return sameFile(known, file); })) {
                unique.push(file);
            }
        });
        var transfer = new DataTransfer();
        unique.forEach(function (file) {
            transfer.items.add(file);
        });
        input.files = transfer.files;
        chosenFiles = unique;
        renderFiles();
        filesChanged();
    }

    function language() {
        return document.documentElement.lang || undefined;
    }

    /* 340 Б, 12 КБ, 1,4 МБ in the page's language (the units of the limits: 1 MB = 1024 × 1024 bytes). */
    function formatSize(bytes) {
        var unit = 'byte';
        var value = bytes;
        if (bytes >= 1024 * 1024) {
            unit = 'megabyte';
            value = bytes / (1024 * 1024);
        } else if (bytes >= 1024) {
            unit = 'kilobyte';
            value = bytes / 1024;
        }
        try {
            return new Intl.NumberFormat(language(), {
                style: 'unit', unit: unit, unitDisplay: 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1
            }).format(value);
        } catch (noUnits) {
            return Math.round(value * 10) / 10 + ' ' + {byte: 'B', kilobyte: 'KB', megabyte: 'MB'}[unit];
        }
    }

    function renderFiles() {
        var input = byId(FORM_ID + ':files');
        var list = byId('files-list');
        var summary = byId('files-summary');
        if (!list) {
            return;
        }
        list.innerHTML = '';
        var total = 0;
        chosenFiles.forEach(function (file, index) {
            total += file.size;
            var item = element('li', 'file');
            item.appendChild(element('span', 'file-name', file.name));
            item.appendChild(element('span', 'file-size', formatSize(file.size)));
            var remove = element('button', 'file-remove', input.dataset.remove);
            remove.type = 'button';
            remove.setAttribute('aria-label', format(input.dataset.removeLabel, [file.name]));
            remove.addEventListener('click', function () {
                if (sending()) {
                    return;
                }
                var rest = chosenFiles.slice(0, index).concat(chosenFiles.slice(index + 1));
                chooseFiles(rest);
                var buttons = list.querySelectorAll('.file-remove');
                var next = buttons[Math.min(index, buttons.length - 1)];
                (next || input).focus();
            });
            item.appendChild(remove);
            list.appendChild(item);
        });
        var maxCount = Number(input.dataset.maxCount);
        var maxTotalMb = Number(input.dataset.maxTotalMb);
        var totalMb = total / (1024 * 1024);
        summary.textContent = chosenFiles.length === 0
                ? '' : format(input.dataset.chosen, [chosenFiles.length, maxCount, formatSize(total), maxTotalMb]);
        summary.classList.toggle('over-limit', chosenFiles.length > maxCount || totalMb > maxTotalMb);
    }

    /* The upload's progress bar, from the XMLHttpRequest's upload events. */
    function showProgress(loaded, total) {
        var box = byId('upload-progress');
        var bar = byId('upload-progress-bar');
        var input = byId(FORM_ID + ':files');
        if (!box || !bar) {
            return;
        }
        var percent = total > 0 ? Math.min(100, Math.floor(loaded * 100 / total)) : 0;
        box.hidden = false;
        bar.value = percent;
        byId('upload-progress-text').textContent = format(input.dataset.uploading, [percent]);
    }

    function hideProgress() {
        var box = byId('upload-progress');
        if (box) {
            box.hidden = true;
        }
    }

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
        // faces.ajax wants client ids; data-render holds the ids within the form, as f:ajax did.
        var render = button.dataset.render.split(/\s+/).filter(Boolean).map(function (id) {
            return FORM_ID + ':' + id;
        }).join(' ');
        if (window.FormData && 'upload' in new XMLHttpRequest()) {
            sendWithProgress(button, render);
        } else {
            faces.ajax.request(button, event, {execute: '@form', render: render, onevent: onEvent, onerror: onError});
        }
    });

    /*
     * The form's ajax request as Faces' own would send it (the partial request parameters and the
     * Faces-Request header), but as a multipart XMLHttpRequest: Mojarra sends forms with files
     * through a hidden iframe, which reports no upload progress. The answer is handed to
     * faces.ajax.response, which applies it as for any ajax request.
     */
    function sendWithProgress(button, render) {
        var form = byId(FORM_ID);
        var data = new FormData(form);
        data.append(button.name, button.value);
        data.append('jakarta.faces.source', button.id);
        data.append('jakarta.faces.partial.event', 'click');
        data.append('jakarta.faces.partial.execute', FORM_ID + ' ' + button.id);
        data.append('jakarta.faces.partial.render', render);
        data.append('jakarta.faces.behavior.event', 'action');
        data.append('jakarta.faces.partial.ajax', 'true');
        var request = new XMLHttpRequest();
        var context = {sourceid: button.id, formId: FORM_ID, render: render, onevent: onEvent, onerror: onError};
        request.open('POST', form.action);
        request.setRequestHeader('Faces-Request', 'partial/ajax');
        var hasFiles = chosenFiles.length > 0 || (byId(FORM_ID + ':files') || {files: []}).files.length > 0;
        if (hasFiles) {
            request.upload.addEventListener('loadstart', function () {
                showProgress(0, 1);
            });
            request.upload.addEventListener('progress', function (event) {
                if (event.lengthComputable) {
                    showProgress(event.loaded, event.total);
                }
            });
            request.upload.addEventListener('load', function () {
                showProgress(1, 1);
            });
        }
        request.addEventListener('load', function () {
            hideProgress();
            onEvent({type: 'event', status: 'complete', source: button});
            if (request.status >= 200 && request.status < 300) {
                faces.ajax.response(request, context);
            } else {
                onError();
            }
        });
        request.addEventListener('error', function () {
            hideProgress();
            failed(form.dataset.connectionError);
        });
        onEvent({type: 'event', status: 'begin', source: button});
        request.send(data);
    }

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

    /*
     * The language switch is a link (it works without JavaScript); what the visitor has typed goes
     * along in this tab's sessionStorage and is put back on the page in the other language, then
     * removed. Chosen files cannot go along: browsers never let a page refill a file input.
     */
    var CARRIED = 'casegate.form.carried';

    document.addEventListener('click', function (event) {
        var link = event.target.closest && event.target.closest('#language-switch a');
        var form = byId(FORM_ID);
        if (!link || !form || byId('sent-dialog') || !window.sessionStorage) {
            return;
        }
        var values = {};
        Array.prototype.forEach.call(form.elements, function (field) {
            if (!field.id || field.type === 'file' || field.type === 'hidden' || field.type === 'submit'
                    || field.id === FORM_ID + ':website' || field.tagName === 'BUTTON') {
                return;
            }
            values[field.id] = field.type === 'checkbox' ? field.checked : field.value;
        });
        try {
            window.sessionStorage.setItem(CARRIED, JSON.stringify(values));
        } catch (storageFull) {
            // The switch still works; the input is lost as without JavaScript.
        }
    });

    function restoreCarriedInput() {
        var stored = window.sessionStorage && window.sessionStorage.getItem(CARRIED);
        if (!stored) {
            return;
        }
        window.sessionStorage.removeItem(CARRIED);
        if (!byId(FORM_ID) || byId('sent-dialog')) {
            return;
        }
        var values;
        try {
            values = JSON.parse(stored);
        } catch (broken) {
            return;
        }
        Object.keys(values).forEach(function (id) {
            var field = byId(id);
            if (!field || field.form !== byId(FORM_ID)) {
                return;
            }
            if (field.type === 'checkbox') {
                field.checked = values[id] === true;
            } else if (typeof values[id] === 'string') {
                field.value = values[id];
            }
        });
    }

    function init() {
        window.setInterval(keepAlive, KEEP_ALIVE_MS);
        restoreCarriedInput();
        enhanceFiles();
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
