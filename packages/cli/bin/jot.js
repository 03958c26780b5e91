#!/usr/bin/env node
// The installed `jot` command runs the compiled CLI; tests run src/main.ts through tsx instead.
import '../dist/main.js'
