build-check/obj/tui_detail.o: src/tui_detail.c src/tui_int.h src/doc.h \
 src/lang.h src/store.h src/text.h
src/tui_int.h:
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
