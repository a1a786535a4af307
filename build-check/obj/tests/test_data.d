build-check/obj/tests/test_data.o: tests/unit/test_data.c src/store.h \
 src/text.h
src/store.h:
src/text.h:
