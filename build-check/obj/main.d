build-check/obj/main.o: src/main.c src/cli.h src/lang.h src/tui.h
src/cli.h:
src/lang.h:
src/tui.h:
