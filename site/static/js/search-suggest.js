// Titles suggested under the header search as the visitor types: pages in the page's
// language with words in their titles that begin as those typed do
// (home.views.search_suggestions, whose address the form names in data-suggest-url).
// Markup in includes/header.html. Without JavaScript, or when no suggestion comes,
// the form is the plain search form.
//
// The field follows the ARIA combobox pattern (list autocomplete): the focus stays
// in the field; the arrow keys move a highlight through the list
// (aria-activedescendant); Enter follows the highlighted suggestion or, with none,
// submits the form; Escape closes the list.
(function () {
    "use strict";

    var DELAY = 150; // ms after the last key typed, so that a word asks once
    var MIN_LENGTH = 2; // as home.views.SUGGEST_MIN_LENGTH

    function enhance(form) {
        var input = form.querySelector("input[name=q]");
        if (!input || !input.id || form.dataset.suggestReady) {
            return;
        }
        form.dataset.suggestReady = "true";
        form.classList.add("search-form--suggest");

        var list = document.createElement("ul");
        list.id = input.id + "-suggestions";
        list.className = "search-suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", form.dataset.suggestionsLabel);
        list.hidden = true;
        input.insertAdjacentElement("afterend", list);
        // Says that the list opened, which not every screen reader announces.
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-expanded", "false");
        // The browser's own list of past entries would cover ours.
        input.setAttribute("autocomplete", "off");

        var timer = null;
        var asked = 0; // the number of the latest request: an older answer is ignored
        var active = -1; // the highlighted option, or -1

        function options() {
            return list.querySelectorAll("[role=option]");
        }

        function highlight(index) {
            var all = options();
            if (all[active]) {
                all[active].setAttribute("aria-selected", "false");
            }
            active = index;
            if (all[index]) {
                all[index].setAttribute("aria-selected", "true");
                all[index].scrollIntoView({ block: "nearest" });
                input.setAttribute("aria-activedescendant", all[index].id);
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function open() {
            if (list.hidden && options().length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = form.dataset.suggestionsHint;
            }
        }

        function close() {
            highlight(-1);
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            status.textContent = "";
        }

        function show(suggestions) {
            highlight(-1);
            list.textContent = "";
            suggestions.forEach(function (suggestion, index) {
                var option = document.createElement("li");
                option.id = list.id + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                var link = document.createElement("a");
                link.href = suggestion.url;
                link.textContent = suggestion.title;
                link.tabIndex = -1; // Tab leaves the field for the button, as without the list
                option.appendChild(link);
                list.appendChild(option);
            });
            if (suggestions.length) {
                open();
            } else {
                close();
            }
        }

        // Forget what was typed before: a pending request, an answer on its way.
        function forget() {
            clearTimeout(timer);
            asked += 1;
        }

        function ask(query) {
            var number = ++asked;
            var url = new URL(form.dataset.suggestUrl, window.location.href);
            url.searchParams.set("q", query);
            fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(response.status);
                    }
                    return response.json();
                })
                .then(function (answer) {
                    if (number === asked) {
                        show(answer.suggestions || []);
                    }
                })
                .catch(function () {
                    // Offline or busy: the plain form still searches.
                    if (number === asked) {
                        show([]);
                    }
                });
        }

        input.addEventListener("input", function () {
            var query = input.value.trim();
            forget();
            if (query.length < MIN_LENGTH) {
                show([]);
                return;
            }
            timer = setTimeout(function () {
                ask(query);
            }, DELAY);
        });

        input.addEventListener("keydown", function (event) {
            var count = options().length;
            if (event.isComposing) {
                return; // the key belongs to the input method
            }
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (!count) {
                    return;
                }
                event.preventDefault(); // the caret stays where it is
                if (list.hidden) {
                    open();
                    highlight(event.key === "ArrowDown" ? 0 : count - 1);
                } else if (event.key === "ArrowDown") {
                    highlight((active + 1) % count);
                } else {
                    highlight(active <= 0 ? count - 1 : active - 1);
                }
            } else if (event.key === "Enter" && !list.hidden && active >= 0) {
                event.preventDefault();
                window.location.assign(options()[active].querySelector("a").href);
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault(); // the search field would also clear itself
                close();
            }
        });

        // A press on a suggestion would take the focus from the field, and the blur
        // close the list before the click reaches the link.
        list.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        input.addEventListener("blur", close);
        form.addEventListener("submit", forget);
        // Back from a suggestion's page, the page comes from the browser's cache as left.
        window.addEventListener("pagehide", close);
    }

    function enhanceAll() {
        document.querySelectorAll("form[data-suggest-url]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enhanceAll);
    } else {
        enhanceAll();
    }
})();
