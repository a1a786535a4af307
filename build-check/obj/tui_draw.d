build-check/obj/tui_draw.o: src/tui_draw.c src/tui_int.h src/doc.h \
 src/lang.h src/store.h src/text.h
src/tui_int.h:
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
