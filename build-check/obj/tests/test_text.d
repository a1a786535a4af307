build-check/obj/tests/test_text.o: tests/unit/test_text.c src/text.h
src/text.h:
