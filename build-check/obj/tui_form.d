build-check/obj/tui_form.o: src/tui_form.c src/tui_int.h src/doc.h \
 src/lang.h src/store.h src/text.h src/userdata.h
src/tui_int.h:
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
src/userdata.h:
