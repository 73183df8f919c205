// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// GOV.UK Frontend marks a radio with a conditional reveal aria-expanded, which ARIA does not allow on a radio
// (axe-core: aria-allowed-attr); aria-controls, which it keeps, says what the radio reveals.
const dropExpanded = () => {
  for (const input of document.querySelectorAll('.govuk-radios__input[aria-expanded]'))
    input.removeAttribute('aria-expanded');
};
dropExpanded();
document.addEventListener('change', () => queueMicrotask(dropExpanded));
document.addEventListener('click', () => queueMicrotask(dropExpanded));
