build-check/obj/doc.o: src/doc.c src/doc.h src/lang.h src/store.h \
 src/text.h
src/doc.h:
src/lang.h:
src/store.h:
src/text.h:
