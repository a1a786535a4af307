build-check/obj/tui_list.o: src/tui_list.c src/tui_int.h src/doc.h \
 src/lang.h src/store.h src/text.h
src/tui_int.h:
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
