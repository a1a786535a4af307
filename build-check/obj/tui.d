build-check/obj/tui.o: src/tui.c src/tui.h src/cli.h src/lang.h \
 src/tui_int.h src/doc.h src/store.h src/text.h
src/tui.h:
src/cli.h:
src/lang.h:
src/tui_int.h:
src/doc.h:
src/store.h:
src/text.h:
