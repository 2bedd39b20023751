// Runs before the first paint (a plain script in <head>), so a page never flashes in the wrong theme.
"use strict";

// The theme the switch in the header chose: "light" or "dark" on <html data-theme>, else the system's (styles.css).
window.tasklaneTheme = {
  key: "tasklane.theme",
  get() {
    const chosen = localStorage.getItem(this.key);
    return chosen === "light" || chosen === "dark" ? chosen : "system";
  },
  set(theme) {
    if (theme === "light" || theme === "dark") {
      localStorage.setItem(this.key, theme);
      document.documentElement.dataset.theme = theme;
    } else {
      localStorage.removeItem(this.key);
      delete document.documentElement.dataset.theme;
    }
  },
};
window.tasklaneTheme.set(window.tasklaneTheme.get());

// Keyboard shortcuts; "?" lists them (the dialog#shortcuts in index.html). Keys typed into a field are the field's.
(() => {
  const pages = { h: "", i: "notifications", a: "account" };
  let pendingG = false;
  const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  const focus = (selector) => {
    const target = document.querySelector(selector);
    if (!target) return false;
    target.focus();
    return true;
  };
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
    const dialog = document.getElementById("shortcuts");
    const go = pendingG;
    pendingG = false;
    let handled = true;
    if (go && e.key in pages) window.Blazor?.navigateTo(pages[e.key]);
    else if (e.key === "?") dialog.open ? dialog.close() : dialog.showModal();
    else if (e.key === "g") pendingG = true;
    else if (e.key === "n") handled = focus("[data-shortcut=new-task]");
    else if (e.key === "/") handled = focus("[data-shortcut=search]");
    else handled = false;
    if (handled) e.preventDefault();
  });
})();

// Infinite scroll: a "load more" button marked data-autoload is pressed when it scrolls within 300 px of view (it stays a
// button for keyboards, and for pages too short to scroll).
(() => {
  let queued = false;
  const check = () => {
    queued = false;
    const more = document.querySelector("button[data-autoload]:not(:disabled)");
    if (more && more.getBoundingClientRect().top < window.innerHeight + 300) more.click();
  };
  window.addEventListener("scroll", () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(check);
    }
  }, { passive: true });
})();
