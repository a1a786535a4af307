build-check/obj/tui_search.o: src/tui_search.c src/tui_int.h src/doc.h \
 src/lang.h src/store.h src/text.h src/search.h
src/tui_int.h:
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
src/search.h:
