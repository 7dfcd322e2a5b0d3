// Hand-written, not built: a module-federation container with no modules of its own.
// JupyterLab's page provides @jupyterlab/console to its extensions; jupyterlab-rise's
// slideshow page does not, so the ipywidgets manager (which asks for it, for the
// optional IConsoleTracker) fails to load there and widgets show only their picture.
// Where nobody provides @jupyterlab/console, this provides a module with just that
// token (no console is ever created on a slideshow page); elsewhere it does nothing.
var _JUPYTERLAB;
(_JUPYTERLAB = typeof _JUPYTERLAB === "undefined" ? {} : _JUPYTERLAB)["course-rise-widgets"] = {
  init(scope) {
    if (scope["@jupyterlab/console"]) return;
    const token = { name: "@jupyterlab/console:IConsoleTracker", description: "stand-in (course-rise-widgets)" };
    const module = { IConsoleTracker: token };
    scope["@jupyterlab/console"] = {
      "4.6.2": { get: () => Promise.resolve(() => module), from: "course-rise-widgets", eager: false, loaded: 1 },
    };
  },
  get(name) {
    return Promise.reject(new Error("course-rise-widgets has no module " + name));
  },
};
