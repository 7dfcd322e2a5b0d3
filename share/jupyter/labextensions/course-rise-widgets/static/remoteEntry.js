// Hand-written, not built: a module-federation container for JupyterLab with two jobs.
//
// 1. RISE slideshows with live widgets.  JupyterLab's page provides @jupyterlab/console to
//    its extensions; jupyterlab-rise's slideshow page does not, so the ipywidgets manager
//    (which asks for it, for the optional IConsoleTracker) fails to load there and widgets
//    show only their picture.  Where nobody provides @jupyterlab/console, this provides a
//    module with just that token (no console is ever created on a slideshow page).
// 2. Figures that speak.  The course's figures carry their text alternative in the output
//    metadata, {"image/png": {"alt": "..."}} (helpers/plotting/describe.py), as nbconvert
//    reads it; JupyterLab 4's image renderer sets no alt at all.  The plugin "./extension"
//    wraps that renderer: after it draws the <img>, the output's alt text is copied onto it.
// 3. Widgets for the keyboard.  The plugin "widget-keyboard", whenever widgets appear:
//    - names each slider: ipywidgets 8 draws one as a noUiSlider handle (role="slider")
//      beside a <label> that is not tied to it, so a screen reader announced "slider, 3"
//      without saying which; the handle gets its widget's description as aria-label
//      ("W (input)"; a range's two handles "... from" and "... to");
//    - lets every widget control keep its keys: in command mode JupyterLab's notebook
//      shortcuts take the keys of any focused element that is not a text field, so a
//      menu (<select>) could not be changed with the arrows or by typing (ArrowDown moved
//      to the next cell, "c" copied it) and a slider not with ArrowUp / ArrowDown.
//      Lumino skips shortcuts inside an element marked data-lm-suppress-shortcuts; each
//      control is marked (Tab still leaves it; Escape still reaches JupyterLab elsewhere);
//    - names each button that shows no words by its tooltip: ipywidgets fills an empty
//      button with a zero-width space, which wins over the title in the accessible name,
//      so the X/O pad's 81 pixels were all called "\u200b".
var _JUPYTERLAB;
(function () {
  let shareScope = null;

  function altPlugin(IRenderMimeRegistry) {
    return {
      id: "course-rise-widgets:figure-alt",
      description: "Each figure's <img alt> from its output metadata (image/png alt)",
      autoStart: true,
      requires: [IRenderMimeRegistry],
      activate(app, rendermime) {
        const base = rendermime.getFactory("image/png");
        if (!base) return;
        rendermime.addFactory(
          {
            safe: base.safe,
            mimeTypes: base.mimeTypes,
            defaultRank: base.defaultRank,
            createRenderer(options) {
              const renderer = base.createRenderer(options);
              const draw = renderer.render.bind(renderer);
              renderer.render = async (model) => {
                await draw(model);
                const alt = ((model.metadata || {})[options.mimeType] || {}).alt;
                const img = renderer.node.querySelector("img");
                if (img && typeof alt === "string" && alt.trim()) img.setAttribute("alt", alt);
              };
              return renderer;
            },
          },
          rendermime.getRank("image/png"),
        );
      },
    };
  }

  const CONTROLS = "select, button, input, textarea, [role=slider]";

  function fitWidgets() {
    for (const control of document.querySelectorAll(`.jupyter-widgets :is(${CONTROLS})`)) {
      if (!control.hasAttribute("data-lm-suppress-shortcuts")) control.setAttribute("data-lm-suppress-shortcuts", "true");
    }
    // a button that shows no words (ipywidgets puts a zero-width space in it, which hides
    // its title from the accessible name: the X/O pad's pixels) is named by its tooltip
    for (const button of document.querySelectorAll(".jupyter-widgets button[title]")) {
      const shown = button.textContent.replace(/[\u200b\s]/g, "");
      if (!shown && button.title.trim() && button.getAttribute("aria-label") !== button.title) {
        button.setAttribute("aria-label", button.title);
      }
    }
    for (const box of document.querySelectorAll(".widget-slider")) {
      const label = box.querySelector(":scope > .widget-label");
      const text = ((label && (label.textContent.trim() || label.title)) || box.title || "").trim();
      if (!text) continue;
      const handles = box.querySelectorAll("[role=slider]");
      handles.forEach((handle, i) => {
        const name = handles.length > 1 ? `${text} ${i === 0 ? "from" : "to"}` : text;
        if (handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
      });
    }
  }

  const keyboardPlugin = {
    id: "course-rise-widgets:widget-keyboard",
    description: "Widget controls keep their keys (no notebook shortcuts on them); slider handles named (aria-label)",
    autoStart: true,
    requires: [],
    activate() {
      let queued = false;
      const later = () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          fitWidgets();
        });
      };
      new MutationObserver(later).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ["title"],  // the pad's pixels change their tooltip with their state
      });
      later();
    },
  };

  function sharedModule(name) {
    const versions = (shareScope || {})[name] || {};
    const keys = Object.keys(versions);
    const key = keys.find((k) => versions[k].from === "@jupyterlab/application-top") || keys[0];
    if (key === undefined) return Promise.reject(new Error("course-rise-widgets: nobody shares " + name));
    return versions[key].get().then((factory) => factory());
  }

  (_JUPYTERLAB = typeof _JUPYTERLAB === "undefined" ? {} : _JUPYTERLAB)["course-rise-widgets"] = {
    init(scope) {
      shareScope = scope;
      if (scope["@jupyterlab/console"]) return;
      const token = { name: "@jupyterlab/console:IConsoleTracker", description: "stand-in (course-rise-widgets)" };
      const module = { IConsoleTracker: token };
      scope["@jupyterlab/console"] = {
        "4.6.2": { get: () => Promise.resolve(() => module), from: "course-rise-widgets", eager: false, loaded: 1 },
      };
    },
    get(name) {
      if (name === "./extension") {
        return sharedModule("@jupyterlab/rendermime").then((rendermime) => () => ({
          __esModule: true,
          default: [altPlugin(rendermime.IRenderMimeRegistry), keyboardPlugin],
        }));
      }
      return Promise.reject(new Error("course-rise-widgets has no module " + name));
    },
  };
})();
