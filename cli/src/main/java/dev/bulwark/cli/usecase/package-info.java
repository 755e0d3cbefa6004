/**
 * The use cases Bulwark offers — scan, fix, plan, hunt, label — each once, called alike by the
 * {@code bulwark} commands, the MCP tools and {@code bulwark ask}. A use case takes values (paths,
 * a loaded configuration, options) and returns values (reports, results, records); it never prints
 * and never reads the command line, so each front end only translates its own input and renders the
 * outcome its own way.
 */
package dev.bulwark.cli.usecase;
