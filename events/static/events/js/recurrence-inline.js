// django-recurrence initialises its widget on page load, and watches Django
// admin's #container for new inline forms; Wagtail has no #container, so start
// the widget on each session form that the editor adds to the page.
document.addEventListener("w-formset:added", (event) => {
    if (typeof initRecurrenceWidget !== "function" || !window.django) {
        return;
    }
    const field = window.django.jQuery(event.target).find("textarea.recurrence-widget");
    if (field.length === 1) {
        initRecurrenceWidget(field);
    }
});
