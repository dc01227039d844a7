/** The ribbon's function file: the button only opens the pane, so there is nothing to register. */
if (typeof Office !== 'undefined') void Office.onReady();
