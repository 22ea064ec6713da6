"""The build command: check the content, build aside, then swap the new output in."""
