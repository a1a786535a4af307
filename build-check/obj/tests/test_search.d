build-check/obj/tests/test_search.o: tests/unit/test_search.c \
 src/search.h src/store.h src/store.h src/text.h src/tokenize.h
src/search.h:
src/store.h:
src/store.h:
src/text.h:
src/tokenize.h:
