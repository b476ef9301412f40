// A "Copy" button for each read-only field people copy from (a calendar's
// address, the code that embeds a list): markup in events/includes/subscribe.html
// and events/venue.html. Without JavaScript the field is still there to select
// and copy by hand; this adds the button, selects the whole value on focus and
// says "Copied" in the field's status region, which screen readers announce.
(function () {
    "use strict";

    function copyText(field) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(field.value);
        }
        // Plain http (a demo on a local address) has no clipboard API.
        field.focus();
        field.select();
        return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
    }

    function enhance(wrapper) {
        var field = wrapper.querySelector("input, textarea");
        var status = wrapper.querySelector(".copy-field__status");
        if (!field || wrapper.dataset.copyReady) {
            return;
        }
        wrapper.dataset.copyReady = "true";
        field.addEventListener("focus", function () {
            field.select();
        });
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary copy-field__button";
        button.textContent = wrapper.dataset.copyLabel;
        button.addEventListener("click", function () {
            // Emptied first, so that copying again is announced again.
            status.textContent = "";
            copyText(field).then(
                function () {
                    status.textContent = wrapper.dataset.copiedLabel;
                },
                function () {
                    // Copying was refused: leave the value selected for Ctrl+C.
                    field.focus();
                    field.select();
                }
            );
        });
        field.insertAdjacentElement("afterend", button);
    }

    function enhanceAll() {
        document.querySelectorAll(".copy-field").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enhanceAll);
    } else {
        enhanceAll();
    }
})();
