/*
 * For the site's own page that shows Casegate's form in an iframe (docs/form.md, "Embedding"):
 *
 *   <iframe src="https://support.example.ru/casegate/" title="…" style="width:100%;border:0"></iframe>
 *   <script src="https://support.example.ru/casegate/resources/casegate/embed.js" async></script>
 *
 * Sizes each Casegate frame to its content, and on a sent form dispatches the DOM event
 * 'casegate:submitted' (detail: {reference, number}) on the iframe element, which bubbles; unless a
 * listener calls preventDefault(), the page then opens the configured thank-you page
 * (casegate.form.success-redirect) or scrolls the frame's dialog into view. Only messages from
 * Casegate's own origin (the one this script was loaded from) and from one of this page's frames
 * are read.
 */
(function () {
    'use strict';

    var script = document.currentScript;
    if (!script || !script.src) {
        return;
    }
    var casegate = new URL(script.src, window.location.href).origin;

    function frameOf(source) {
        var frames = document.getElementsByTagName('iframe');
        for (var i = 0; i < frames.length; i++) {
            if (frames[i].contentWindow === source) {
                return frames[i];
            }
        }
        return null;
    }

    window.addEventListener('message', function (event) {
        var data = event.data;
        if (event.origin !== casegate || !data || typeof data !== 'object' || typeof data.type !== 'string') {
            return;
        }
        var frame = frameOf(event.source);
        if (!frame) {
            return;
        }
        if (data.type === 'casegate:height') {
            var height = Number(data.height);
            if (isFinite(height) && height > 0 && height < 100000) {
                frame.style.height = Math.ceil(height) + 'px';
            }
        } else if (data.type === 'casegate:submitted') {
            var submitted = new CustomEvent('casegate:submitted', {
                bubbles: true,
                cancelable: true,
                detail: {reference: String(data.reference || ''), number: String(data.number || '')}
            });
            if (!frame.dispatchEvent(submitted)) {
                return;
            }
            if (typeof data.redirect === 'string' && /^https?:\/\//i.test(data.redirect)) {
                window.location.assign(data.redirect);
            } else {
                frame.scrollIntoView({block: 'start'});
            }
        }
    });
}());
