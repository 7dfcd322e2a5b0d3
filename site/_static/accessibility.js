/* Accessible names that match what the page shows (WCAG 2.5.3, label in name;
   docs/accessibility.md).
   - myst-nb's folded cells: a <summary aria-label="Toggle hidden content">
     whose visible text is "Show the check"; the label hid that text from
     screen readers and from voice control, so the summary is named by its text.
   - The theme's search buttons show "Search" and a key hint (Ctrl+K) but are
     labelled "Search" only: their label becomes the text they show. */
document.addEventListener("DOMContentLoaded", () => {
  for (const summary of document.querySelectorAll('summary[aria-label="Toggle hidden content"]')) {
    summary.removeAttribute("aria-label");
  }
  for (const button of document.querySelectorAll(".search-button__button[aria-label]")) {
    const shown = button.textContent.replace(/\s+/g, " ").trim();
    if (shown) button.setAttribute("aria-label", shown);
  }
});
