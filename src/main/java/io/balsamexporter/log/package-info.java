/**
 * The one log line format every package writes; it sits below every other package and depends on
 * none of them.
 */
package io.balsamexporter.log;
